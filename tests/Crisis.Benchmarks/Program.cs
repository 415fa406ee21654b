using BenchmarkDotNet.Running;
using Crisis.Benchmarks.Detection;
using Crisis.Benchmarks.Ingestion;
using Crisis.Benchmarks.Notifying;
using Crisis.Benchmarks.Reporting;

// Whole-process harnesses first, then BenchmarkDotNet micro-benchmarks:
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- ingestion [--mentions N] [--out file.md]   (needs PostgreSQL)
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- nab <data-dir> [--config <json>] [--out <md>] [--set Option=value]... [--grid Option=v1,v2]... [--loo] [--peaks]
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- replay [--mentions N]   (replay core over one generated day)
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- reporting [--repeat N]   (KPIs and post-mortem page of one incident)
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- replay-store [--mentions N]   (the same day stored in PostgreSQL, replayed end to end)
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- notify [--pages N] [--warm-up N] [--out file.md]   (starts Crisis.Host; PostgreSQL + RabbitMQ)
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- desk [--conversations N] [--samples N]   (response desk queue and claims; PostgreSQL)
//   dotnet run -c Release --project tests/Crisis.Benchmarks -- --filter '*Name*'
//   dotnet tests/Crisis.Benchmarks/bin/Release/net10.0/Crisis.Benchmarks.dll chaos-load|chaos-report ...   (ops/chaos/soak.sh)
if (args.Length > 0 && args[0] == "chaos-key") return Crisis.Benchmarks.Chaos.ChaosLoad.WriteKey(args[1..]);
if (args.Length > 0 && args[0] == "chaos-load") return await Crisis.Benchmarks.Chaos.ChaosLoad.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "chaos-report") return await Crisis.Benchmarks.Chaos.ChaosReport.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "ingestion") return await IngestionHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "nab") return NabRunner.Run(args[1..]);
if (args.Length > 0 && args[0] == "monitor") return MonitorHarness.Run(args[1..]);
if (args.Length > 0 && args[0] == "notify") return await NotificationLatencyHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "replay") return ReplayHarness.Run(args[1..]);
if (args.Length > 0 && args[0] == "reporting") return ReportHarness.Run(args[1..]);
if (args.Length > 0 && args[0] == "replay-store") return await StoredReplayHarness.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "desk") return await Crisis.Benchmarks.Desk.DeskHarness.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
