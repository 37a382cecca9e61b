if (args is ["--loader", ..])
{
    MLNetCtr.Benchmarks.DataLoaderBenchmarks.RunThroughput(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
    return 0;
}
if (args is ["--mmoe"])
{
    MLNetCtr.Benchmarks.MmoeBenchmarks.RunThroughput();
    return 0;
}
if (args is ["throughput", ..])
{
    return MLNetCtr.Benchmarks.Throughput.ThroughputRunner.Run(args[1..]);
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
