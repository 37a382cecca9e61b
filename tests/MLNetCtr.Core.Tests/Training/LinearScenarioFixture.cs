using MLNetCtr.Data.Synthetic;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Training;

/// <summary>
/// A linear scenario with enough rows per id (200 users, 300 items, 240k training rows) for logistic regression to
/// come within 0.005 of the oracle AUC.
/// </summary>
public sealed class LinearScenarioFixture() : ScenarioFixture(ScenarioKind.Linear, new SyntheticOptions { Rows = 300_000, Users = 200, Items = 300, Seed = 3 });
