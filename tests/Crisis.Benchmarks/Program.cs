using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/Crisis.Benchmarks -- --filter '*Name*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
