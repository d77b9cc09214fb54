using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuizBot.Channels.Slack;

// A field of an unexpected JSON kind reads as null instead of failing the whole payload: Slack reuses names across
// event types (event.user is an id in message events but an object in team_join), and one odd field must not make
// a whole delivery unreadable. Structural nonsense (actions not an array) still fails, and the parsers catch that.

internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

internal sealed class LenientBoolConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

internal sealed class LenientLongConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n))
        {
            return n;
        }
        if (reader.TokenType == JsonTokenType.String
            && long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
