using System.Diagnostics;
using System.Text.Json;
using JasperFx.Events;

namespace Crisis.ServiceDefaults.Telemetry;

/// <summary>
/// Trace context carried in event headers: every event is written with the W3C <c>traceparent</c> of the activity
/// that appended it, so work that starts from stored events (the detection daemon, the publisher, the planner)
/// continues the trace of the intake that caused it, across processes and restarts.
/// </summary>
public static class EventTraceContext
{
    public const string Header = "traceparent";

    /// <summary>The event's stored traceparent, or null when it was appended outside any trace.</summary>
    public static string? TraceParentOf(IEvent e) => e.Headers?.TryGetValue(Header, out var value) == true
        ? value switch
        {
            string s => s,
            // Headers come back from PostgreSQL as JSON values.
            JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
            _ => value?.ToString(),
        }
        : null;

    public static ActivityContext? ContextOf(IEvent e) =>
        TraceParentOf(e) is { } traceParent && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : null;

    /// <summary>
    /// Starts an activity whose parent is the trace of <paramref name="parent"/> (a new root when it carries none),
    /// linked to the traces of <paramref name="linked"/> events: a decision drawn from many intakes names them all.
    /// </summary>
    public static Activity? StartFrom(
        ActivitySource source, string name, IEvent? parent, IEnumerable<IEvent>? linked = null, ActivityKind kind = ActivityKind.Internal)
    {
        var parentContext = parent is null ? default : ContextOf(parent) ?? default;
        var links = linked?
            .Select(ContextOf)
            .Where(c => c is { } context && context.TraceId != parentContext.TraceId)
            .Select(c => c!.Value)
            .DistinctBy(c => c.TraceId)
            // A bounded list: a page of a busy store can stem from hundreds of intakes.
            .Take(MaxLinks)
            .Select(c => new ActivityLink(c))
            .ToArray();
        return source.StartActivity(name, kind, parentContext, links: links);
    }

    public const int MaxLinks = 32;

    /// <summary>Stamps the current activity's traceparent on events that carry none yet.</summary>
    public static void Stamp(IEnumerable<IEvent> events, Activity? activity)
    {
        if (activity?.Id is not { } id || activity.IdFormat != ActivityIdFormat.W3C) return;
        foreach (var e in events)
        {
            if (e.Headers?.ContainsKey(Header) != true) e.SetHeader(Header, id);
        }
    }
}
