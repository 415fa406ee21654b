namespace Crisis.Detection.Detecting;

/// <summary>An invalid detector configuration; <see cref="Field"/> names the offending option.</summary>
public sealed class DetectorOptionsException : Exception
{
    public DetectorOptionsException(string field, string problem, Exception? inner = null)
        : base($"Detector option '{field}': {problem}", inner) => Field = field;

    public DetectorOptionsException() : this("(unknown)", "is invalid") { }

    public DetectorOptionsException(string message) : this("(unknown)", message) { }

    public DetectorOptionsException(string message, Exception inner) : this("(unknown)", message, inner) { }

    /// <summary>The option (JSON property) at fault.</summary>
    public string Field { get; }
}
