namespace Crisis.PersonalData;

/// <summary>A platform the public posts on: its lower-case wire name (as kept in the tables) and its name in older documents.</summary>
public sealed record PlatformName(string WireName, string Name);

/// <summary>
/// Which platform names exist: ingestion owns the list (it validates every mention against it) and registers this, so
/// that the erasure request is validated against the same list without this module depending on ingestion.
/// </summary>
public interface IPlatformNames
{
    /// <summary>The accepted names, for an error message.</summary>
    string Accepted { get; }

    /// <summary>The platform a caller named (any accepted spelling), or null.</summary>
    PlatformName? Find(string name);
}
