using System.Diagnostics;
using Marten;

namespace Crisis.ServiceDefaults.Telemetry;

/// <summary>
/// Writes the traceparent of the activity current at save time on every event appended without one, so each
/// module's appends (intake, incident commands, delivery outcomes) carry their trace without code of their own.
/// Events stamped explicitly (a detection decision, which has a parent of its own) keep their header.
/// </summary>
public sealed class TraceContextOnEvents : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current is { } activity)
        {
            EventTraceContext.Stamp(session.PendingChanges.Streams().SelectMany(s => s.Events), activity);
        }
        return Task.CompletedTask;
    }
}
