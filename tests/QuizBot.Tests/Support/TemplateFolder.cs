using System.Text.Json.Nodes;

namespace QuizBot.Tests.Support;

// The card templates of one rendering (cards/teams, cards/slack) and their sample data, as the template tests read them.
public static class TemplateFolder
{
    public static readonly string[] Renderings = ["teams", "slack"];

    public static IEnumerable<string> Names(string rendering) =>
        Directory.EnumerateFiles(Repo.Path("cards", rendering), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    public static string SamplePath(string rendering, string name) => Repo.Path("cards", rendering, "samples", name + ".data.json");

    public static (JsonNode Template, JsonNode Data) Read(string rendering, string name) =>
        (JsonNode.Parse(File.ReadAllText(Repo.Path("cards", rendering, name + ".json")))!,
         JsonNode.Parse(File.ReadAllText(SamplePath(rendering, name)))!);
}
