using Crisis.PersonalData.Pseudonymising;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Npgsql;

namespace Crisis.PersonalData.Erasing;

/// <summary>What an erasure did for one organisation.</summary>
/// <param name="PostsEmptied">Kept posts that lost their author and words in this request (0 on a repeat).</param>
/// <param name="Recorded">Whether this request added an <see cref="AuthorErased"/> to the audit (false: already applied).</param>
public sealed record ErasureOutcome(string ErasureId, string Platform, string AuthorPseudonym, int PostsEmptied, bool Recorded);

/// <summary>
/// Erases an author of the public for one organisation: the kept rows are emptied and the erasure is recorded as an
/// event, in one transaction (the session's), so the audit never claims an erasure that did not commit, nor misses one
/// that did. The events never held the author (pseudonymisation), so nothing of the event store is rewritten here.
/// </summary>
public sealed class AuthorEraser(AuthorPseudonyms pseudonyms, EventStoreSettings store)
{
    /// <param name="session">Stamped with the caller (the API's request session, or an operator's): its user and organisation go into the event's metadata.</param>
    public async Task<ErasureOutcome> EraseAsync(
        IDocumentSession session, string organisationId, string platform, string handle, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var pseudonym = AuthorPseudonyms.Of(await pseudonyms.KeyAsync(organisationId, ct), platform, handle);
        await session.BeginTransactionAsync(ct);
        var connection = session.Connection ?? throw new InvalidOperationException("the session opened no connection for its transaction");
        var emptied = await KeptPostErasure.EmptyAsync(connection, store.Schema, organisationId, platform, pseudonym, now, ct);
        var stream = ErasureStreams.KeyFor(organisationId, platform, pseudonym);
        // Saves (and so commits the emptied rows) when it records; a repeat that emptied nothing has nothing to commit.
        var (events, _) = await session.HandleAsync(stream, AuthorErasureDecider.Instance,
            new RecordAuthorErasure(organisationId, platform, pseudonym, emptied, actor, now), expectedVersion: null, ct);
        return new ErasureOutcome(stream, platform, pseudonym, emptied, events.Count > 0);
    }

    /// <summary>Every organisation that has a pseudonym key: an operator's direct erasure runs once for each.</summary>
    public async Task<IReadOnlyList<string>> OrganisationsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. (await AuthorPseudonyms.AllKeysAsync(connection, store.Schema, ct)).Select(k => k.OrganisationId)];
    }
}
