using Microsoft.AspNetCore.Http;

namespace Crisis.ServiceDefaults.Http;

/// <summary>A header or value refused before the command runs: answered as a problem naming <see cref="Field"/>.</summary>
public sealed class FieldRefusedException(string field, string reason, int statusCode = StatusCodes.Status400BadRequest)
    : BadHttpRequestException($"{field} {reason}", statusCode)
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
