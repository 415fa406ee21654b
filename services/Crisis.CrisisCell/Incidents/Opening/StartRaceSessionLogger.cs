using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// The session logger of a writer that may lose the race to start a stream (the buzz consumer starting an incident, a
/// delivery being claimed): the store's own, except that the lost race (an expected outcome the writer decides again
/// on) is logged at Debug instead of as Marten's error. Anything else fails loudly as before.
/// </summary>
internal sealed partial class StartRaceSessionLogger(IMartenSessionLogger inner, ILogger logger) : IMartenSessionLogger
{
    public void LogSuccess(NpgsqlCommand command) => inner.LogSuccess(command);

    public void LogSuccess(NpgsqlBatch batch) => inner.LogSuccess(batch);

    public void LogFailure(NpgsqlCommand command, Exception ex)
    {
        if (!LoggedAsRace(ex)) inner.LogFailure(command, ex);
    }

    public void LogFailure(NpgsqlBatch batch, Exception ex)
    {
        if (!LoggedAsRace(ex)) inner.LogFailure(batch, ex);
    }

    public void LogFailure(Exception ex, string message)
    {
        if (!LoggedAsRace(ex)) inner.LogFailure(ex, message);
    }

    private bool LoggedAsRace(Exception ex)
    {
        if (!BuzzEscalatedConsumer.LostStartRace(ex)) return false;
        LogRace(logger, ex.Message);
        return true;
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) => inner.RecordSavedChanges(session, commit);

    public void OnBeforeExecute(NpgsqlCommand command) => inner.OnBeforeExecute(command);

    public void OnBeforeExecute(NpgsqlBatch batch) => inner.OnBeforeExecute(batch);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another writer started the stream first: {Reason}")]
    private static partial void LogRace(ILogger logger, string reason);
}
