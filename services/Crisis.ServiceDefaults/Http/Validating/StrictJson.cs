using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crisis.ServiceDefaults.Http.Validating;

/// <summary>
/// JSON converters for every HTTP body the API binds: they refuse, with the reason, what the framework would accept and
/// store wrong. Writing is unchanged. A refusal surfaces as a 400 problem naming the JSON path (ProblemExceptionHandler).
/// </summary>
public static class StrictJson
{
    /// <summary>Longer strings are refused before any field rule sees them: a backstop under the per-field limits.</summary>
    public const int MaxStringLength = 100_000;

    public static void AddTo(JsonSerializerOptions options)
    {
        options.Converters.Insert(0, new StrictStringConverter());
        options.Converters.Insert(0, new StrictInstantConverter());
        options.Converters.Insert(0, new StrictEnumConverterFactory());
    }

    /// <summary>No NUL or other control characters but tab and line breaks, no lone surrogates (PostgreSQL refuses both).</summary>
    private sealed class StrictStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String) throw new ShapeException($"must be a string, not {Describe(reader.TokenType)}");
            string value;
            try
            {
                value = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new RuleException("contains invalid Unicode (a lone surrogate)");
            }
            return InputRules.TextProblem(value, MaxStringLength, allowLineBreaks: true) is { } problem ? throw new RuleException(problem) : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
    }

    /// <summary>ISO 8601 with an offset, between 2000 and 2100 (see <see cref="InputRules.TryParseInstant"/>).</summary>
    private sealed class StrictInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && InputRules.TryParseInstant(reader.GetString()!, out var instant)
                ? instant
                : throw new RuleException(InputRules.InstantRule);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override DateTimeOffset ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Enums by name only: no numbers, no "Neutral, Positive" flag lists that store an undefined value.</summary>
    private sealed class StrictEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private static readonly string[] Names = Enum.GetNames<TEnum>();

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
            && reader.GetString() is { } text
            && Names.FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse<TEnum>(name)
                : throw new RuleException($"must be one of: {string.Join(", ", Names)}");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
    }

    /// <summary>The JSON was well-formed and of the right type, but the value breaks an input rule: a 422, not a 400.</summary>
    public sealed class RuleException(string message) : JsonException(message);

    /// <summary>The value is not of the field's JSON type: a 400.</summary>
    public sealed class ShapeException(string message) : JsonException(message);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };
}
