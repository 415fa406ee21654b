namespace Crisis.ServiceDefaults.Http.Validating;

/// <summary>
/// A rule on one field of a request record (put it on the positional parameter). <see cref="InputValidationFilter"/>
/// applies it to every endpoint's body, so a request type states its limits where it is declared.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false)]
public abstract class InputRuleAttribute : Attribute
{
    /// <summary>Why the (non-null) value is refused, or null when it is fine. Absent values are the endpoint's business.</summary>
    public abstract string? Problem(object value);
}

/// <summary>A client-chosen id: see <see cref="InputRules.IdentifierRule"/>.</summary>
public sealed class IdentifierAttribute : InputRuleAttribute
{
    public override string? Problem(object value) =>
        value is string s && !InputRules.IsIdentifier(s) ? InputRules.IdentifierRule : null;
}

/// <summary>A name or title: one line, no control characters, at most <paramref name="maxLength"/> characters.</summary>
public sealed class SingleLineAttribute(int maxLength) : InputRuleAttribute
{
    public int MaxLength { get; } = maxLength;

    public override string? Problem(object value) =>
        value is string s ? InputRules.TextProblem(s, MaxLength, allowLineBreaks: false) : null;
}

/// <summary>A note, reason or statement: line breaks and tabs allowed, no other control characters, at most <paramref name="maxLength"/>.</summary>
public sealed class MultiLineAttribute(int maxLength) : InputRuleAttribute
{
    public int MaxLength { get; } = maxLength;

    public override string? Problem(object value) =>
        value is string s ? InputRules.TextProblem(s, MaxLength, allowLineBreaks: true) : null;
}

/// <summary>A link people will open: an absolute http or https URL of at most 2,048 characters.</summary>
public sealed class HttpUrlAttribute : InputRuleAttribute
{
    public override string? Problem(object value) =>
        value is string s && !InputRules.IsHttpUrl(s) ? "must be an absolute http or https URL of at most 2048 characters" : null;
}

/// <summary>A whole number within <paramref name="minimum"/>..<paramref name="maximum"/>.</summary>
public sealed class WithinAttribute(int minimum, int maximum) : InputRuleAttribute
{
    public override string? Problem(object value) =>
        value is int n && (n < minimum || n > maximum) ? $"must be from {minimum} to {maximum}, not {n}" : null;
}
