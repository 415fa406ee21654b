using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Auditing;
using Marten;
using Npgsql;

namespace Crisis.PersonalData.Erasing;

/// <summary>What an operator's erasure did: per organisation, then in the documents older than pseudonymisation.</summary>
public sealed record OperatorErasureOutcome(
    IReadOnlyList<(string OrganisationId, ErasureOutcome Outcome)> Organisations, string LegacyPseudonym, IReadOnlyList<(string Table, int Rows, int Posts)> Legacy);

/// <summary>
/// An operator's erasure (<c>crisis authors erase</c> without <c>--url</c>, with the database's credentials): the same
/// erasure as an organisation's request, for every organisation in turn (each recorded in that organisation's audit, by
/// the operator), then the masking of the store's history that no organisation may order (<see cref="StoreHistoryMasking"/>).
/// </summary>
public sealed class OperatorErasure(IDocumentStore store, NpgsqlDataSource dataSource, AuthorEraser eraser, EventStoreSettings settings)
{
    public async Task<OperatorErasureOutcome> EraseEverywhereAsync(
        PlatformName platform, string handle, string operatorName, DateTimeOffset now, CancellationToken ct)
    {
        var outcomes = new List<(string, ErasureOutcome)>();
        foreach (var organisation in await eraser.OrganisationsAsync(dataSource, ct))
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = operatorName;
            session.SetHeader(RequestStamp.OrganisationHeader, organisation);
            outcomes.Add((organisation, await eraser.EraseAsync(session, organisation, platform.WireName, handle, operatorName, now, ct)));
        }
        // Older documents name the author by handle: masked under the pseudonym of an organisation that kept them, else a
        // throw-away one (the documents predate every key).
        var pseudonym = outcomes.Where(o => o.Item2.PostsEmptied > 0).Select(o => o.Item2.AuthorPseudonym).FirstOrDefault()
            ?? AuthorMasking.RandomPseudonym(platform.WireName, handle);
        var legacy = await StoreHistoryMasking.MaskAsync(dataSource, settings.Schema, new AuthorMasking(platform.WireName, platform.Name, handle, pseudonym), ct);
        return new OperatorErasureOutcome(outcomes, pseudonym, legacy);
    }
}
