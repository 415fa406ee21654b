using System.Net;

namespace Crisis.Connectors.Running;

/// <summary>Sends a source's request; every failure (unreachable, refused, 4xx, 5xx) becomes <see cref="SourceUnavailableException"/>.</summary>
public static class SourceHttp
{
    /// <param name="completion">Headers only for a stream that stays open, the whole content for a page.</param>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, HttpCompletionOption completion,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var address = request.RequestUri!;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SourceUnavailableException($"cannot reach {address.Host}: {e.Message}", null, e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            // 429 and 503 say how long to wait; anything else gets the connector's backoff.
            var retryAfter = RetryAfter.From(response, clock.GetUtcNow());
            throw new SourceUnavailableException(
                $"{address.Host} answered {(int)response.StatusCode} to {request.Method} {address.AbsolutePath}{(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (check the connector's token)" : "")}",
                response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? retryAfter : null);
        }
    }
}
