using MLNetCtr.Data.Synthetic;

namespace MLNetCtr.Cli.Tests;

public sealed class ScenarioNamesTests
{
    [Theory]
    [InlineData(ScenarioKind.Fields, "fields")]
    [InlineData(ScenarioKind.BehaviorText, "behavior-text")]
    public void NameOf_IsKebabCase(ScenarioKind kind, string expected) => Assert.Equal(expected, ScenarioNames.NameOf(kind));

    [Fact]
    public void TryParse_EveryName_RoundTrips()
    {
        foreach (ScenarioKind kind in Enum.GetValues<ScenarioKind>())
        {
            Assert.True(ScenarioNames.TryParse(ScenarioNames.NameOf(kind), out ScenarioKind parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.False(ScenarioNames.TryParse("behaviortext", out _));
    }
}
