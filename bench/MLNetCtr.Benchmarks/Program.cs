if (args is ["--loader", ..])
{
    MLNetCtr.Benchmarks.DataLoaderBenchmarks.RunThroughput(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
    return 0;
}
if (args is ["--serving", ..])
{
    MLNetCtr.Benchmarks.ServingLatency.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return 0;
}
if (args is ["--bahe"])
{
    MLNetCtr.Benchmarks.BaheBenchmarks.RunThroughput();
    return 0;
}
if (args is ["--bahe-evidence", ..])
{
    MLNetCtr.Benchmarks.BaheEvidence.Run(args[1..]);
    return 0;
}
if (args is ["--gemm-shapes"])
{
    MLNetCtr.Benchmarks.GemmShapes.Run();
    return 0;
}
if (args is ["throughput", ..])
{
    return MLNetCtr.Benchmarks.Throughput.ThroughputRunner.Run(args[1..]);
}
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
