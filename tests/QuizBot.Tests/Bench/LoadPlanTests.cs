using System.Diagnostics;
using QuizBot.Bench.Answers;

namespace QuizBot.Tests.Bench;

// How the click benchmarks share the machine's time between the floor and the app, and read their results back by side.
public sealed class LoadPlanTests
{
    private static readonly Uri Floor = new("http://127.0.0.1:1/bench/floor");
    private static readonly Uri App = new("http://127.0.0.1:1/api/messages");

    [Fact]
    public void Slices_alternate_floor_and_app_after_both_warm_ups()
    {
        var plan = LoadPlan.Of(Floor, App, 64, TimeSpan.FromSeconds(2), 100, TimeSpan.FromSeconds(10), 1000, slices: 5);

        Assert.Equal([Floor, App, Floor, App, Floor, App, Floor, App, Floor, App, Floor, App], plan.Phases.Select(p => p.Target));
        Assert.Equal([false, false, true, true, true, true, true, true, true, true, true, true], plan.Phases.Select(p => p.Measured));
        Assert.All(plan.Phases.Where(p => p.Measured), p => Assert.Equal((TimeSpan.FromSeconds(2), 200), (p.Duration, p.MaxRequests)));
    }

    [Fact]
    public void No_slices_measure_the_floor_whole_before_the_app_is_touched()
    {
        var plan = LoadPlan.Of(Floor, App, 64, TimeSpan.FromSeconds(2), 100, TimeSpan.FromSeconds(10), 1000, slices: 0);

        Assert.Equal([Floor, Floor, App, App], plan.Phases.Select(p => p.Target));
        Assert.Equal([false, true, false, true], plan.Phases.Select(p => p.Measured));
    }

    [Fact]
    public void Results_are_read_back_by_side_with_a_ratio_per_measured_pair()
    {
        var plan = LoadPlan.Of(Floor, App, 64, TimeSpan.FromSeconds(1), 100, TimeSpan.FromSeconds(2), 1000, slices: 2);
        // Floor warm, app warm, then floor 100/s, app 40/s, floor 200/s, app 60/s, each over one second.
        int[] counts = [10, 20, 100, 40, 200, 60];
        var results = counts.Select((n, i) => Result(n, errors: i == 3 ? 1 : 0, firstUser: i * 1000)).ToArray();

        var sides = LoadSides.Of(plan, results);

        Assert.Equal(300, sides.Floor.Requests);
        Assert.Equal(100, sides.App.Requests);
        Assert.Equal(20, sides.Warm.Requests);
        Assert.Equal([0.4, 0.3], sides.Ratios);
        Assert.Equal(100.0 / 300, sides.Ratio, 3);
        Assert.Equal(1, sides.Errors);
        // The users the app accepted are its own phases' only: the floor stores nothing.
        Assert.Equal(results[1].GoodUsers.Concat(results[3].GoodUsers).Concat(results[5].GoodUsers).Order(),
            sides.Warm.GoodUsers.Concat(sides.App.GoodUsers).Order());
        Assert.Equal(2, sides.App.Windows.Count);
    }

    private static LoadResult Result(int requests, int errors, int firstUser)
    {
        var start = Stopwatch.GetTimestamp();
        return new LoadResult(TimeSpan.FromSeconds(1), [.. Enumerable.Repeat(1L, requests)], errors, [.. Enumerable.Range(firstUser, requests)], null,
            [(start, start + Stopwatch.Frequency)]);
    }
}
