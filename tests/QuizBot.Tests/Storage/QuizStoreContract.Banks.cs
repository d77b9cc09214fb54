using QuizBot.Quizzes;
using QuizBot.Storage;

namespace QuizBot.Tests.Storage;

public abstract partial class QuizStoreContract
{
    private static QuestionBank Bank(string id, string title, int questions, int answer = 1) => new(id, title, "About " + title,
        [.. Enumerable.Range(0, questions).Select(i => new Question($"q{i}", $"Question {i}: what is {i} × {i}?", ["one", "two", "three"], answer,
            $"Because {i} squared is {i * i}.", i % 2 == 0 ? "Squares" : null, i % 3 == 0 ? ["Too small.", "", "Too big."] : null))]);

    private static void AssertSameQuestions(QuestionBank expected, QuestionBank? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.Id, expected.Title, expected.Description), (actual.Id, actual.Title, actual.Description));
        Assert.Equal(expected.Questions.Count, actual.Questions.Count);
        foreach (var (e, a) in expected.Questions.Zip(actual.Questions))
        {
            Assert.Equal((e.Id, e.Text, e.Answer, e.Explanation, e.Category), (a.Id, a.Text, a.Answer, a.Explanation, a.Category));
            Assert.Equal(e.Choices, a.Choices);
            Assert.Equal(e.Feedback, a.Feedback);
        }
    }

    [Fact]
    public async Task Each_import_with_other_questions_is_a_new_version_and_every_version_stays_readable()
    {
        var first = Bank("squares", "Squares", 3);
        var fixedKey = Bank("squares", "Squares", 3, answer: 2);

        Assert.Equal(new BankVersionWrite(1, false), await Store.AddBankVersionAsync(first, T0, None));
        Assert.Equal(new BankVersionWrite(1, true), await Store.AddBankVersionAsync(first, T0.AddHours(1), None));
        Assert.Equal(new BankVersionWrite(2, false), await Store.AddBankVersionAsync(fixedKey, T0.AddHours(2), None));

        AssertSameQuestions(first, await Store.GetBankAsync("squares", 1, None));
        AssertSameQuestions(fixedKey, await Store.GetBankAsync("squares", null, None));
        Assert.Equal(2, (await Store.GetBankAsync("squares", null, None))!.Version);
        Assert.Null(await Store.GetBankAsync("squares", 3, None));
        Assert.Null(await Store.GetBankAsync("cubes", null, None));
        var listed = Assert.Single(await Store.ListBanksAsync(None));
        Assert.Equal(new StoredBankInfo("squares", 2, "Squares", 3, T0.AddHours(2)), listed);
    }

    [Fact]
    public async Task A_bank_of_five_thousand_questions_is_stored_and_read_back_whole()
    {
        var big = Bank("big", "Big", 5000);

        await Store.AddBankVersionAsync(big, T0, None);

        AssertSameQuestions(big, await Store.GetBankAsync("big", 1, None));
    }

    [Fact]
    public async Task Racing_imports_of_one_bank_each_get_a_version_and_none_is_lost()
    {
        var banks = Enumerable.Range(1, 6).Select(i => Bank("race", $"Race {i}", i)).ToList();

        var writes = await Task.WhenAll(banks.Select(b => Store.AddBankVersionAsync(b, T0, None)));

        Assert.Equal([1, 2, 3, 4, 5, 6], writes.Select(w => w.Version).Order());
        foreach (var (bank, write) in banks.Zip(writes))
        {
            AssertSameQuestions(bank, await Store.GetBankAsync("race", write.Version, None));
        }
    }

    [Fact]
    public async Task Sessions_and_posts_keep_the_bank_version_they_were_started_on()
    {
        var session = new QuizSession("s-versioned", "u1", "c1", "squares", 0, 0, SessionStatus.Active, T0, null, "q0,q1", BankVersion: 3);
        await Store.StartSessionAsync(session, None);
        var round = NewRound("conv-versioned");
        Assert.True(await Store.SaveRoundAsync(round, null, None));
        var post = NewPost("conv-versioned", T0) with { BankVersion = 7 };
        Assert.True(await Store.ClaimSlotAsync(round with { Cursor = 1, Version = 2 }, round.Version, [post], None));

        Assert.Equal(3, (await Store.GetSessionAsync("s-versioned", None))!.BankVersion);
        Assert.Equal(7, (await Store.GetPostAsync(post.Id, None))!.BankVersion);
        Assert.Null((await OpenPostAsync("conv-unversioned", T0)).BankVersion);
    }
}
