using BenchmarkDotNet.Running;
using Crisis.Benchmarks.Detection;

// Run with: dotnet run -c Release --project tests/Crisis.Benchmarks -- --filter '*Name*'
//       or: dotnet run -c Release --project tests/Crisis.Benchmarks -- nab <data-dir> [--config <json>] [--out <md>] [--set Option=value]... [--grid Option=v1,v2]... [--loo] [--peaks]
if (args.Length > 0 && args[0] == "nab") return NabRunner.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
