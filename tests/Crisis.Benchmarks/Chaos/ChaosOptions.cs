using System.Globalization;

namespace Crisis.Benchmarks.Chaos;

/// <summary>The soak's load settings, from <c>--name value</c> arguments (ops/chaos/soak.sh passes them).</summary>
public sealed record ChaosOptions(
    Uri[] Hosts, Uri RabbitMq, string KeyFile, string Organisation, double Rate, TimeSpan Duration, double HttpShare, int Buzzes,
    int HttpWorkers, int BusWorkers, string AcknowledgedFile, string SummaryFile, long MaxBusBacklog)
{
    public static ChaosOptions Parse(string[] args)
    {
        string Value(string name, string? fallback = null) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback ?? throw new ArgumentException($"{name} is required");
        double Number(string name, double fallback) => double.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new ChaosOptions(
            [.. Value("--hosts").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(h => new Uri(h))],
            new Uri(Value("--rabbitmq")),
            Value("--key"),
            Value("--org", "chaos-org"),
            Number("--rate", 5000),
            TimeSpan.FromSeconds(Number("--duration", 600)),
            Number("--http-share", 0.5),
            (int)Number("--buzzes", 3),
            (int)Number("--http-workers", 8),
            (int)Number("--bus-workers", 8),
            Value("--acks"),
            Value("--summary"),
            (long)Number("--max-backlog", 20_000));
    }
}
