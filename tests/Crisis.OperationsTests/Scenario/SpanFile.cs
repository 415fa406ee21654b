using System.Text.Json;

namespace Crisis.OperationsTests.Scenario;

/// <summary>One finished span as the host wrote it (<c>Telemetry:SpanFile</c>).</summary>
public sealed record Span(string TraceId, string SpanId, string? ParentId, string Name, string Source, string[] Links);

public static class SpanFile
{
    /// <summary>Every complete line of the file; a line still being written by a host is left for the next read.</summary>
    public static async Task<List<Span>> ReadAsync(string path)
    {
        if (!File.Exists(path)) return [];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<Span>(line)!)];
    }
}
