using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Tests.Fakes;

/// <summary>
/// A local web server answering polled sources' requests (feeds, JSON listings) from a function of the request, that can
/// refuse the next requests with 429 + Retry-After and keeps every request it saw.
/// </summary>
public sealed class FakePages : IAsyncDisposable
{
    private readonly WebApplication app;
    private int refusalsLeft;

    public ConcurrentQueue<(string PathAndQuery, string? Authorization, DateTime At)> Requests { get; } = new();

    public ConcurrentQueue<DateTime> Refusals { get; } = new();

    public Uri Address { get; private set; } = null!;

    /// <summary>The answer to a request: status, content type and body.</summary>
    public Func<HttpRequest, (int Status, string ContentType, string Body)> Answer { get; set; } = _ => (404, "text/plain", "");

    private FakePages()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(async context =>
        {
            if (Interlocked.Decrement(ref refusalsLeft) >= 0)
            {
                Refusals.Enqueue(DateTime.UtcNow);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "2";
                return;
            }
            Interlocked.Exchange(ref refusalsLeft, 0);
            Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.FirstOrDefault(), DateTime.UtcNow));
            var (status, contentType, body) = Answer(context.Request);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
    }

    public static async Task<FakePages> StartAsync()
    {
        var fake = new FakePages();
        await fake.app.StartAsync();
        fake.Address = new Uri(fake.app.Urls.First());
        return fake;
    }

    public void RefuseNext(int count) => refusalsLeft = count;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
