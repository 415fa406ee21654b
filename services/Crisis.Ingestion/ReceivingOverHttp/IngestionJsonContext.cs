using System.Text.Json.Serialization;
using Crisis.Contracts.Mentions;

namespace Crisis.Ingestion.ReceivingOverHttp;

/// <summary>Source-generated JSON for the intake hot path: no reflection per item.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(MentionObserved))]
internal sealed partial class IngestionJsonContext : JsonSerializerContext;
