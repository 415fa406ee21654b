using System.Diagnostics;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Crisis.ServiceDefaults.Security.Auditing;

/// <summary>
/// Who and which request, on every event a request appends: the event's <c>user_name</c> is the signed-in caller,
/// its <c>correlation_id</c> the request's <c>X-Correlation-Id</c> (or its trace id), and its <c>org</c> header the
/// caller's organisation, which is what the audit view filters on.
/// </summary>
public static class RequestStamp
{
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string OrganisationHeader = "org";

    /// <summary>The request's correlation id: the caller's when well-formed (printable, at most 128 characters), else the trace id.</summary>
    public static string CorrelationIdOf(HttpContext http)
    {
        var given = http.Request.Headers[CorrelationHeader].ToString().Trim();
        if (given.Length is > 0 and <= 128 && given.All(c => c is > ' ' and < (char)127)) return given;
        return Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
    }

    public static void Apply(IDocumentSession session, HttpContext? http)
    {
        if (http is null) return;
        session.CorrelationId = CorrelationIdOf(http);
        if (http.User.Identity?.IsAuthenticated != true) return;
        session.LastModifiedBy = http.User.Actor();
        if (http.User.Organisation() is { } organisation) session.SetHeader(OrganisationHeader, organisation);
    }
}

/// <summary>Sessions the API's endpoints get: lightweight, stamped with the request (system writers open their own, unstamped).</summary>
public sealed class RequestSessionFactory(IDocumentStore store, IHttpContextAccessor accessor) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        RequestStamp.Apply(session, accessor.HttpContext);
        return session;
    }
}
