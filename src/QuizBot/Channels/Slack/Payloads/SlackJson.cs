using System.Text.Json.Serialization;

namespace QuizBot.Channels.Slack;

// Slack's wire names are snake_case. Source-generated so that reading a payload does no reflection.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientStringConverter), typeof(LenientBoolConverter), typeof(LenientLongConverter)])]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(SlackFile))]
[JsonSerializable(typeof(BlockActionsPayload))]
internal sealed partial class SlackJson : JsonSerializerContext;
