namespace MLNetCtr.Tests.TestKit;

/// <summary>Tests that measure the whole process (allocations, timing-free counters) run alone, not beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
