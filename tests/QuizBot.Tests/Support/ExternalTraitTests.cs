using System.Reflection;
using QuizBot.Tests.Deploy;

namespace QuizBot.Tests.Support;

// The fast suite (./test.sh --filter "Category!=External") leaves out what starts other programs. A test class that
// takes one of the fixtures that start a program must say so, or the fast suite would start it after all.
public sealed class ExternalTraitTests
{
    public const string Category = "Category";
    public const string External = "External";

    private static readonly Type[] ProgramFixtures = [typeof(Azurite), typeof(NodeCards), typeof(AzureTemplate), typeof(TeamsPackage)];

    [Fact]
    public void Every_test_class_with_a_fixture_that_starts_a_program_is_marked_External()
    {
        var unmarked = typeof(ExternalTraitTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && StartsAProgram(t) && !IsExternal(t))
            .Select(t => t.Name)
            .ToList();

        Assert.Empty(unmarked);
    }

    private static bool StartsAProgram(Type t) =>
        t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .Concat(t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Select(f => f.FieldType))
            .Any(ProgramFixtures.Contains);

    private static bool IsExternal(Type t) =>
        t.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
            && a.ConstructorArguments is [{ Value: Category }, { Value: External }]);
}
