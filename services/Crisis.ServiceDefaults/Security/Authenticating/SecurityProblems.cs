using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Crisis.ServiceDefaults.Security.Authenticating;

/// <summary>401, 403 and 429 answers as problem+json naming what to fix, like every other error of the API.</summary>
public static class SecurityProblems
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, string field)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["field"] = field;
        var service = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
