using Crisis.ServiceDefaults.EventSourcing;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Crisis.ServiceDefaults.Http;

/// <summary>Turns domain refusals and concurrency conflicts into problem+json answers instead of 500s.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            DomainRefusalException { Kind: DomainRefusalKind.Invalid } => (StatusCodes.Status422UnprocessableEntity, "The command is not valid"),
            DomainRefusalException => (StatusCodes.Status409Conflict, "The command conflicts with the current state"),
            ConcurrencyException or ExistingStreamIdCollisionException => (StatusCodes.Status409Conflict, "Someone changed this first: reload and retry"),
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid"),
            _ => (0, ""),
        };
        if (status == 0) return false;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = exception.Message },
        });
    }
}
