using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.PersonalData.Erasing;

/// <summary>
/// One stream per organisation and erased author: <c>erasure/{organisation}/{platform}/{pseudonym}</c>. The pseudonym is
/// the organisation's own (keyed) name for the author, so the stream, its events and the audit name nobody.
/// </summary>
public static class ErasureStreams
{
    public static string KeyFor(string organisationId, string platform, string pseudonym) => $"erasure/{organisationId}/{platform}/{pseudonym}";
}

/// <summary>
/// An author of the public was erased for an organisation: who asked (a signed-in admin, or an operator's direct run),
/// when, which pseudonym, and how many kept posts lost their author and words. The audit record of the erasure.
/// </summary>
public sealed record AuthorErased(
    string ErasureId, string OrganisationId, string Platform, string AuthorPseudonym, int PostsEmptied, string ErasedBy, DateTimeOffset ErasedAt);

/// <summary>Records an erasure whose rows were just emptied (<see cref="PostsEmptied"/> of them) in the same transaction.</summary>
public sealed record RecordAuthorErasure(
    string OrganisationId, string Platform, string AuthorPseudonym, int PostsEmptied, string ErasedBy, DateTimeOffset Now);

public abstract record AuthorErasureState
{
    public sealed record NotErased : AuthorErasureState;

    public sealed record Erased(DateTimeOffset FirstErasedAt) : AuthorErasureState;
}

public static class AuthorErasureDecider
{
    public static readonly Decider<AuthorErasureState, RecordAuthorErasure, AuthorErased> Instance =
        new(Decide, Evolve, new AuthorErasureState.NotErased());

    /// <summary>
    /// The first request is always recorded, even when nothing was kept yet (later posts of the author are stored erased
    /// from now on). A repeat that emptied nothing is a no-op, so a retried request adds nothing to the audit; one that
    /// did empty posts (stored before the first erasure committed) is recorded with its count.
    /// </summary>
    public static IReadOnlyList<AuthorErased> Decide(RecordAuthorErasure command, AuthorErasureState state) => (command, state) switch
    {
        ({ PostsEmptied: 0 }, AuthorErasureState.Erased) => [],
        _ => [new AuthorErased(ErasureStreams.KeyFor(command.OrganisationId, command.Platform, command.AuthorPseudonym), command.OrganisationId,
            command.Platform, command.AuthorPseudonym, command.PostsEmptied, command.ErasedBy, command.Now)],
    };

    public static AuthorErasureState Evolve(AuthorErasureState state, AuthorErased e) => state switch
    {
        AuthorErasureState.Erased => state,
        _ => new AuthorErasureState.Erased(e.ErasedAt),
    };
}
