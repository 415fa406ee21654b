using System.Globalization;
using System.Text.Json;

namespace Crisis.Cli.Streaming;

/// <summary>One NDJSON line and the publication time it carries.</summary>
public sealed record TimedLine(DateTimeOffset PublishedAt, string Json);

/// <summary>
/// Replays mentions in publication order at accelerated time: everything published before <c>acceleratedFrom</c>
/// is the backlog, sent at once (a connector catching up); after it, the mentions published up to
/// <c>acceleratedFrom + elapsed × speed</c> are due, but never one published after the wall clock: once the
/// accelerated stream has caught up with the present, the rest goes out in real time, as a live feed would.
/// Hence a mention is never sent "from the future", and what is detected at the end is detected live, so the
/// crisis cell's deadlines (counted from detection) lie ahead, as they would in production.
/// </summary>
public sealed class StreamSchedule
{
    private readonly List<TimedLine> lines;
    private int next;

    public StreamSchedule(IEnumerable<TimedLine> lines, DateTimeOffset acceleratedFrom, double speed)
    {
        if (speed <= 0) throw new ArgumentOutOfRangeException(nameof(speed), speed, "must be positive");
        this.lines = [.. lines.OrderBy(l => l.PublishedAt)];
        AcceleratedFrom = acceleratedFrom;
        Speed = speed;
    }

    public DateTimeOffset AcceleratedFrom { get; }

    public double Speed { get; }

    public int Total => lines.Count;

    public int Sent => next;

    public bool Done => next == lines.Count;

    /// <summary>The last publication time of the stream.</summary>
    public DateTimeOffset? End => lines.Count == 0 ? null : lines[^1].PublishedAt;

    /// <summary>The event time the schedule has reached after this much wall time in the accelerated part, at <paramref name="now"/>.</summary>
    public DateTimeOffset EventTimeAfter(TimeSpan elapsed, DateTimeOffset now)
    {
        var accelerated = AcceleratedFrom + elapsed * Speed;
        return accelerated < now ? accelerated : now;
    }

    /// <summary>The backlog: every line published before the accelerated part.</summary>
    public IReadOnlyList<TimedLine> TakeBacklog() => TakeUntil(AcceleratedFrom, inclusive: false);

    /// <summary>The lines that fell due after <paramref name="elapsed"/> of wall time since the accelerated part began, at <paramref name="now"/>.</summary>
    public IReadOnlyList<TimedLine> TakeDue(TimeSpan elapsed, DateTimeOffset now) => TakeUntil(EventTimeAfter(elapsed, now), inclusive: true);

    private List<TimedLine> TakeUntil(DateTimeOffset limit, bool inclusive)
    {
        var due = new List<TimedLine>();
        while (next < lines.Count && (lines[next].PublishedAt < limit || (inclusive && lines[next].PublishedAt == limit)))
        {
            due.Add(lines[next++]);
        }
        return due;
    }

    /// <summary>Reads NDJSON mentions; a line without a readable <c>publishedAt</c> is an error naming its line number.</summary>
    public static List<TimedLine> Read(TextReader reader)
    {
        var lines = new List<TimedLine>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                if (!document.RootElement.TryGetProperty("publishedAt", out var value) || value.ValueKind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    throw new FormatException($"line {number}: publishedAt is missing or not an ISO 8601 time");
                }
                lines.Add(new TimedLine(at, line));
            }
            catch (JsonException e)
            {
                throw new FormatException($"line {number}: not valid JSON ({e.Message})", e);
            }
        }
        return lines;
    }
}
