namespace Crisis.Host.Hosting;

/// <summary>
/// Which services this process runs, from <c>Crisis:Services</c> (for example <c>["ingestion"]</c>); all of
/// them by default, so one machine runs everything and several machines can split the work.
/// </summary>
public sealed record HostedModules(bool Ingestion, bool Detection, bool CrisisCell, bool Connectors)
{
    public static HostedModules From(IConfiguration configuration)
    {
        var names = configuration.GetSection("Crisis:Services").Get<string[]>();
        if (names is null || names.Length == 0) return new HostedModules(true, true, true, true);
        var known = new[] { "ingestion", "detection", "crisis-cell", "connectors" };
        var unknown = names.Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Crisis:Services names unknown services: {string.Join(", ", unknown)}; known: {string.Join(", ", known)}");
        }
        bool Has(string name) => names.Contains(name, StringComparer.OrdinalIgnoreCase);
        return new HostedModules(Has("ingestion"), Has("detection"), Has("crisis-cell"), Has("connectors"));
    }
}
