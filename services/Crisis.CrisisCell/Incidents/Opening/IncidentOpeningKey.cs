namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// What an <c>Idempotency-Key</c> opened: a client that retries <c>POST /api/incidents</c> after a lost answer gets the
/// same incident back instead of a second one. Keyed by organisation and key, so two organisations' keys never meet;
/// stored in the transaction that opens the incident, so a key never points at an incident that was not opened.
/// </summary>
public sealed record IncidentOpeningKey(string Id, string IncidentId, string BrandId, string Title, int Severity, DateTimeOffset OpenedAt)
{
    public static string IdFor(string organisationId, string key) => $"{organisationId}|{key}";

    /// <summary>Whether a retry carries the same request; another request under a used key is the caller's mistake.</summary>
    public bool SameRequest(string brandId, string title, int severity) => BrandId == brandId && Title == title && Severity == severity;
}
