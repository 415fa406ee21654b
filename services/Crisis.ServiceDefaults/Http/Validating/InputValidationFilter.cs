using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.ServiceDefaults.Http.Validating;

/// <summary>
/// The one validation layer of the HTTP API, on every endpoint: route and query values (ids by the identifier grammar,
/// other text free of control characters, times as ISO 8601 with an offset, enums by name) and the fields of body
/// records by their <see cref="InputRuleAttribute"/>s. A refusal is a problem whose <c>errors</c> name each field: 400
/// for a route or query value (the address itself is wrong), 422 for a body field (the command is not valid).
/// Bodies that are not even JSON of the right shape never get here: <see cref="ProblemExceptionHandler"/> answers them.
/// </summary>
public sealed class InputValidationFilter : IEndpointFilter
{
    /// <summary>Route and query text that is not an id: search terms, names. Longer is a probe, not a query.</summary>
    public const int MaxQueryTextLength = 512;

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<FieldRule>> RulesByType = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, string[]>();
        var addressIsWrong = false;
        var parameters = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        for (var i = 0; i < parameters.Length && i < context.Arguments.Count; i++)
        {
            var parameter = parameters[i];
            var value = context.Arguments[i];
            var name = parameter.Name ?? "";
            if (IsRequestValue(context.HttpContext, name, out var raw))
            {
                if (RequestValueProblem(parameter.ParameterType, name, raw) is { } problem)
                {
                    errors[name] = [problem];
                    addressIsWrong = true;
                }
            }
            else if (value is not null && IsRequestRecord(value.GetType()))
            {
                foreach (var rule in RulesFor(value.GetType()))
                {
                    if (rule.Property.GetValue(value) is { } fieldValue && rule.Attribute.Problem(fieldValue) is { } problem)
                        errors[rule.JsonName] = [problem];
                }
            }
        }
        return errors.Count == 0
            ? next(context)
            : ValueTask.FromResult<object?>(Results.ValidationProblem(errors, title: "The request is not valid",
                detail: "Nothing was changed; see errors for each field and what it must be.",
                statusCode: addressIsWrong ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity));
    }

    /// <summary>A value bound from the route or the query string, as the caller typed it.</summary>
    private static bool IsRequestValue(HttpContext http, string name, out string raw)
    {
        raw = "";
        if (http.GetRouteValue(name) is { } routeValue) { raw = Convert.ToString(routeValue, System.Globalization.CultureInfo.InvariantCulture) ?? ""; return true; }
        if (http.Request.Query.TryGetValue(name, out var query)) { raw = query.ToString(); return true; }
        return false;
    }

    private static string? RequestValueProblem(Type type, string name, string raw)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime))
            return InputRules.TryParseInstant(raw, out _) ? null : InputRules.InstantRule;
        if (underlying.IsEnum)
        {
            var names = Enum.GetNames(underlying);
            return names.Contains(raw.Trim(), StringComparer.OrdinalIgnoreCase) ? null : $"must be one of: {string.Join(", ", names)}";
        }
        if (underlying != typeof(string)) return null;
        if (name == "id" || name.EndsWith("Id", StringComparison.Ordinal))
            return InputRules.IsIdentifier(raw) ? null : InputRules.IdentifierRule;
        return InputRules.TextProblem(raw, MaxQueryTextLength, allowLineBreaks: false);
    }

    private static bool IsRequestRecord(Type type) =>
        type.Namespace?.StartsWith("Crisis.", StringComparison.Ordinal) == true && !type.IsEnum && !type.IsPrimitive;

    private static IReadOnlyList<FieldRule> RulesFor(Type type) => RulesByType.GetOrAdd(type, static t =>
    {
        var rules = new List<FieldRule>();
        var constructorParameters = t.GetConstructors().SelectMany(c => c.GetParameters()).ToList();
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attribute = property.GetCustomAttribute<InputRuleAttribute>()
                ?? constructorParameters.FirstOrDefault(p => p.Name == property.Name)?.GetCustomAttribute<InputRuleAttribute>();
            if (attribute is not null) rules.Add(new FieldRule(property, attribute, JsonNamingPolicy.CamelCase.ConvertName(property.Name)));
        }
        return rules;
    });

    private sealed record FieldRule(PropertyInfo Property, InputRuleAttribute Attribute, string JsonName);
}
