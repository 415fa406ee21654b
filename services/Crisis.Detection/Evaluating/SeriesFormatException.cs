namespace Crisis.Detection.Evaluating;

/// <summary>A series file that cannot be read; the message names the line and field at fault.</summary>
public sealed class SeriesFormatException : Exception
{
    public SeriesFormatException() { }

    public SeriesFormatException(string message) : base(message) { }

    public SeriesFormatException(string message, Exception inner) : base(message, inner) { }
}
