namespace Crisis.Connectors.Running;

/// <summary>What the streaming sources (Mastodon, X) share while reading a long-lived response.</summary>
internal static class SourceStreams
{
    /// <summary>Whether <paramref name="task"/> completes within <paramref name="wait"/>: a batch is flushed when the stream is quiet.</summary>
    public static async Task<bool> CompletesWithin(Task task, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (task.IsCompleted) return true;
        await Task.WhenAny(task, Task.Delay(wait, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        return task.IsCompleted;
    }

    /// <summary>The start of a malformed item, safe for a log line.</summary>
    public static string Excerpt(string text) => new(text[..Math.Min(text.Length, 200)].Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
