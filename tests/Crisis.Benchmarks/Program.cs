using BenchmarkDotNet.Running;
using Crisis.Benchmarks.Ingestion;

// Whole-process harnesses first (they need the real servers), then BenchmarkDotNet micro-benchmarks:
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- ingestion [--mentions N] [--out file.md]
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- --filter '*Name*'
if (args.Length > 0 && args[0] == "ingestion") return await IngestionHarness.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
