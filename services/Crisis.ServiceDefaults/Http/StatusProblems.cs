using Microsoft.AspNetCore.Http;

namespace Crisis.ServiceDefaults.Http;

/// <summary>
/// Statuses the framework sets without an exception (a JSON endpoint sent text, a method the route lacks) reach the
/// caller through the status-code pages as bare problems: this names what is wrong in them too.
/// </summary>
public static class StatusProblems
{
    public static void NameTheField(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("field") || problem.Extensions.ContainsKey("errors")) return;
        var (field, reason) = problem.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType => ("Content-Type", $"must be application/json, not '{context.HttpContext.Request.ContentType}'"),
            StatusCodes.Status405MethodNotAllowed => ("method", $"{context.HttpContext.Request.Method} is not allowed on this route"),
            _ => (null, null),
        };
        if (field is null) return;
        problem.Detail ??= $"{field} {reason}";
        problem.Extensions["field"] = field;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason!] };
    }
}
