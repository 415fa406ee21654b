using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;

namespace Crisis.Benchmarks.Chaos;

/// <summary>
/// The soak's verdict, once the load has stopped and the hosts have drained: acknowledged against stored mentions
/// (lost: acknowledged but not stored; doubled: stored in more than one event), dead letters, incidents per buzz and
/// pages per idempotency key received by the inbox. Writes the markdown section of docs/benchmarks.md.
/// </summary>
public static class ChaosReport
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required");
        var schema = Value("--schema");
        await using var database = NpgsqlDataSource.Create(Value("--connection"));
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Value("--summary")));
        var load = summary.RootElement;
        var buzzBrands = load.GetProperty("buzzBrands").EnumerateArray().Select(b => b.GetString()!).ToArray();

        var acknowledged = new HashSet<string>(await File.ReadAllLinesAsync(Value("--acks")), StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = database.CreateCommand($"SELECT platform || ':' || post_id FROM {schema}.mention_keys"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        }
        var lost = acknowledged.Count(k => !stored.Contains(k));
        var storedNotAcknowledged = stored.Count(k => !acknowledged.Contains(k));
        var inEvents = await ScalarAsync(database,
            $"SELECT coalesce(sum(jsonb_array_length(data->'mentions')), 0) FROM {schema}.mt_events WHERE type = 'mentions_recorded'");
        var doubled = inEvents - stored.Count;

        var incidents = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = database.CreateCommand($"SELECT id FROM {schema}.mt_streams WHERE id LIKE 'incident/%'"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetString(0)["incident/".Length..];
                var brand = id[..id.LastIndexOf('-')];
                incidents[brand] = incidents.GetValueOrDefault(brand) + 1;
            }
        }

        var pages = (await File.ReadAllLinesAsync(Value("--inbox"))).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var perKey = pages.GroupBy(p => p.GetProperty("idempotencyKey").GetString() ?? "(none)").ToList();
        var pagedBrands = pages.Select(p => p.GetProperty("payload").TryGetProperty("brandId", out var b) ? b.GetString() : null)
            .Where(b => b is not null).Distinct().Count();

        var errorQueues = await ErrorQueuesAsync(new Uri(Value("--rabbitmq")));
        // faults.log: "<unix time> <kind> [<seconds>s]" per fault; kinds kill, postgres, rabbitmq.
        var faults = (await File.ReadAllLinesAsync(Value("--faults"))).Where(l => l.Length > 0).Select(l => l.Split(' '))
            .GroupBy(f => f[1], f => f.Length > 2 ? f[2] : "").ToDictionary(g => g.Key, g => g.ToList());

        // What an operator would have read: the hosts log at warning level, so every line counted here is one they see.
        var logLines = Directory.GetFiles(Value("--host-logs"), "host-*.log").SelectMany(File.ReadLines).ToList();
        var warnings = logLines.Count(l => l.StartsWith("warn:", StringComparison.Ordinal));
        var errors = logLines.Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        var errorKinds = logLines.Where(l => l.StartsWith("fail:", StringComparison.Ordinal)).GroupBy(l => l).Select(g => $"{g.Count()} × `{g.Key}`");

        var seconds = load.GetProperty("seconds").GetDouble();
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        Line(string.Create(CultureInfo.InvariantCulture,
            $"## {args.SkipWhile(a => a != "--title").Skip(1).FirstOrDefault() ?? "Chaos soak"} ({seconds / 60:0.#} minutes, {DateTime.UtcNow:yyyy-MM-dd}, two hosts on the same 2-core machine as PostgreSQL 15 and RabbitMQ 3.10)"));
        Line();
        Line("Written by `ops/chaos/soak.sh`. " + Value("--note"));
        Line();
        Line("| figure | value |");
        Line("|---|---|");
        Line(string.Create(CultureInfo.InvariantCulture, $"| target rate | {load.GetProperty("targetRate").GetDouble():0} mentions/s (half over HTTP, half on the bus) |"));
        Line(string.Create(CultureInfo.InvariantCulture, $"| sustained (acknowledged / duration) | {load.GetProperty("achievedRate").GetDouble():0} mentions/s |"));
        string Faults(string kind, string name) =>
            faults.TryGetValue(kind, out var all) ? $"{all.Count} {name}{(all.All(d => d.Length == 0) ? "" : $" ({string.Join(", ", all.Select(d => d.EndsWith('s') && d[..^1].All(char.IsAsciiDigit) ? d[..^1] + " s" : d))})")}" : $"0 {name}";
        Line($"| faults injected | {Faults("kill", "host kill -9")}, {Faults("postgres", "PostgreSQL stop(s)")}, {Faults("rabbitmq", "RabbitMQ stop(s)")} |");
        Line(string.Create(CultureInfo.InvariantCulture, $"| mentions acknowledged | {acknowledged.Count} |"));
        Line(string.Create(CultureInfo.InvariantCulture, $"| stored | {stored.Count} ({storedNotAcknowledged} stored but never acknowledged: the sender gave up or its answer was lost) |"));
        Line(string.Create(CultureInfo.InvariantCulture, $"| **lost** (acknowledged, not stored) | **{lost}** |"));
        Line(string.Create(CultureInfo.InvariantCulture, $"| **doubled** (stored in more than one event) | **{doubled}** |"));
        Line(string.Create(CultureInfo.InvariantCulture,
            $"| client retries | HTTP {load.GetProperty("httpRetries").GetInt64()}, bus {load.GetProperty("busRetries").GetInt64()}; the bus client paused {load.GetProperty("busPausedSeconds").GetInt64()} s with over {load.GetProperty("maxBusBacklog").GetInt64():N0} mentions queued and reconnected {load.GetProperty("busRenewals").GetInt64()} times |"));
        var refusals = load.GetProperty("httpRefusals").EnumerateObject().Select(r => $"{r.Value.GetInt64()} × {r.Name}").ToList();
        Line($"| HTTP answers that were not an acknowledgement | {(refusals.Count == 0 ? "none" : string.Join(", ", refusals))} |");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"| longest wait for one batch's acknowledgement | HTTP {load.GetProperty("httpLongestWaitSeconds").GetDouble():0} s, bus {load.GetProperty("busLongestWaitSeconds").GetDouble():0} s |"));
        Line(string.Create(CultureInfo.InvariantCulture, $"| bus intake queue, deepest seen by the client (sampled each second) | {load.GetProperty("busBacklogPeak").GetInt64():N0} messages |"));
        Line($"| dead letters | {(errorQueues.Count == 0 ? "none" : string.Join(", ", errorQueues.Select(q => $"{q.Key}: {q.Value}")))} |");
        Line($"| incidents per buzz brand | {string.Join(", ", buzzBrands.Select(b => $"{b}: {incidents.GetValueOrDefault(b)}"))} |");
        Line(string.Create(CultureInfo.InvariantCulture, $"| incidents of bulk brands (should be 0) | {incidents.Where(i => !buzzBrands.Contains(i.Key)).Sum(i => i.Value)} |"));
        Line(string.Create(CultureInfo.InvariantCulture,
            $"| pages received by the inbox | {pages.Count} ({perKey.Count} idempotency keys, {pagedBrands} brands); keys received more than once: {perKey.Count(g => g.Count() > 1)} |"));
        Line(string.Create(CultureInfo.InvariantCulture,
            $"| host log lines at warning / error level (all hosts, whole run) | {warnings} / {errors}{(errors == 0 ? "" : ": " + string.Join(", ", errorKinds))} |"));
        var body = text.ToString();
        await File.WriteAllTextAsync(Value("--out"), body);
        Console.Write(body);
        return lost == 0 && doubled == 0 && errorQueues.Count == 0 ? 0 : 3;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The error queues of the soak's virtual host that hold messages.</summary>
    private static async Task<Dictionary<string, uint>> ErrorQueuesAsync(Uri rabbit)
    {
        string[] names = ["crisis-mentions_error", "crisis-cell-buzz-escalated_error", "crisis-cell-deliver-notification_error", "crisis-cell-deliver-notification-faults_error"];
        var counts = new Dictionary<string, uint>(StringComparer.Ordinal);
        await using var connection = await new ConnectionFactory { Uri = rabbit }.CreateConnectionAsync();
        foreach (var name in names)
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                var count = (await channel.QueueDeclarePassiveAsync(name)).MessageCount;
                if (count > 0) counts[name] = count;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // Never declared: nothing failed there.
            }
        }
        return counts;
    }
}
