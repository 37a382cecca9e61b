using MLNetCtr.Data.Synthetic;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Models;

/// <summary>One small synthetic behavior-sequence dataset shared by the sequence-model tests.</summary>
public sealed class SequenceScenarioFixture() : ScenarioFixture(ScenarioKind.Sequence,
    new SyntheticOptions { Rows = 25_000, Users = 500, Items = 400, Categories = 12, MaxHistoryLength = 12, BaseClickRate = 0.25, Seed = 5 });
