using System.Diagnostics;
using System.Text.Json;
using OpenTelemetry;

namespace Crisis.ServiceDefaults.Telemetry;

/// <summary>
/// Appends every finished span (trace id, span id, parent id, name, source, links) as one JSON line to a file,
/// when <c>Telemetry:SpanFile</c> names one: traces become checkable without a collector (tests, a quick look on a
/// node). Several processes may share the file: each line is written whole, in append mode.
/// </summary>
public sealed class SpanFileProcessor : BaseProcessor<Activity>
{
    private readonly FileStream file;
    private readonly Lock gate = new();

    public SpanFileProcessor(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("Telemetry:SpanFile is empty", nameof(path));
        file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    public override void OnEnd(Activity data)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(new SpanLine(
            data.TraceId.ToHexString(),
            data.SpanId.ToHexString(),
            data.ParentSpanId == default ? null : data.ParentSpanId.ToHexString(),
            data.DisplayName,
            data.Source.Name,
            data.Kind.ToString(),
            data.StartTimeUtc,
            data.Duration.TotalMilliseconds,
            [.. data.Links.Select(l => l.Context.TraceId.ToHexString())]));
        lock (gate)
        {
            file.Write(line);
            file.Write("\n"u8);
            file.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }

    private sealed record SpanLine(
        string TraceId, string SpanId, string? ParentId, string Name, string Source, string Kind, DateTime Start, double DurationMs, string[] Links);
}
