using System.Text.Json;
using System.Text.Json.Nodes;
using Ike.Engine.Api;
using Ipsec.ControlPlane.Engine;
using Ipsec.ControlPlane.Engine.Remote;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Engine;

/// <summary>The JSON of the gateway-agent transport: every command kind survives the trip, the PSK travels but never
/// shows in ToString, and hostile queue content is a typed refusal with a reason, never an exception.</summary>
public sealed class EngineMessageCodecTests
{
    [Fact]
    public void Every_command_kind_round_trips_with_its_kind_first_in_the_json()
    {
        foreach (var command in TransportSamples.AllKinds())
        {
            string json = EngineMessageCodec.Encode(command);
            Assert.StartsWith($$"""{"kind":"{{command.Kind}}",""", json);
            Assert.True(EngineMessageCodec.TryDecodeCommand(json, out var decoded, out var error), error);
            Assert.Equal(command.GetType(), decoded.GetType());
            // records compare by value; the settings hold lists, so compare what the engine would see: the JSON
            Assert.Equal(json, EngineMessageCodec.Encode(decoded));
        }
    }

    [Fact]
    public void An_apply_carries_the_psk_and_every_setting_the_engine_needs()
    {
        var apply = TransportSamples.Apply();
        Assert.True(EngineMessageCodec.TryDecodeCommand(EngineMessageCodec.Encode(apply), out var decoded, out var error), error);
        var spec = Assert.IsType<ApplyConnectionCommand>(decoded).Spec;
        Assert.Equal(TransportSamples.Psk, spec.Psk);
        Assert.Equal(apply.Spec.Bgp, spec.Bgp);
        Assert.Equal(apply.Spec.Settings.IkeConfig, spec.Settings.IkeConfig);
        Assert.Equal(apply.Spec.Settings.RemoteSubnets, spec.Settings.RemoteSubnets);
        Assert.Equal(apply.Spec.Settings.HealthCheckConfig, spec.Settings.HealthCheckConfig);
        Assert.Equal(apply.Spec.Settings.RoutingMode, spec.Settings.RoutingMode);
        // the engine's own view of it is the same as before the trip
        var settings = new EngineSettings();
        Assert.Equal(EngineConfigMapper.Map(apply.Spec, settings).Name, EngineConfigMapper.Map(spec, settings).Name);
    }

    [Fact]
    public void The_psk_is_in_the_message_body_but_never_in_ToString()
    {
        var apply = TransportSamples.Apply();
        Assert.Contains(TransportSamples.Psk, EngineMessageCodec.Encode(apply));
        Assert.DoesNotContain(TransportSamples.Psk, apply.ToString());
        Assert.DoesNotContain(TransportSamples.Psk, ((EngineCommand)apply).ToString());
        Assert.Contains(apply.CommandId, apply.ToString());
    }

    public static TheoryData<string, string, string> RefusedCommands()
    {
        string valid = EngineMessageCodec.Encode(TransportSamples.Apply());
        string query = EngineMessageCodec.Encode(new QueryConnectionCommand("c0ffee", "watch-1", "vpn-abcdefghijklmnopqrst", "acct-1", "ipsec-xyz"));
        return new()
        {
            { "empty", "", "empty message" },
            { "not json", "{kind:apply", "not a valid EngineCommand" },
            { "json null", "null", "JSON null" },
            { "array", "[1,2]", "not a valid EngineCommand" },
            { "unknown kind", query.Replace("\"kind\":\"query\"", "\"kind\":\"format-disk\""), "not a valid EngineCommand" },
            { "no kind", query.Replace("\"kind\":\"query\",", ""), "not a valid EngineCommand" },
            { "no command id", query.Replace("\"commandId\":\"c0ffee\",", ""), "commandId" },
            { "command id with a slash", query.Replace("c0ffee", "c0/ffee"), "commandId" },
            { "no gateway", query.Replace("\"vpnGatewayId\":\"vpn-abcdefghijklmnopqrst\",", ""), "vpnGatewayId" },
            { "gateway id with a hash", query.Replace("vpn-abcdefghijklmnopqrst", "vpn#1"), "vpnGatewayId" },
            { "no reply-to", query.Replace("\"replyTo\":\"watch-1\",", ""), "replyTo" },
            { "apply without spec", With(valid, "spec", null), "apply: spec" },
            { "apply with empty spec", With(valid, "spec", new JsonObject()), "apply: spec" },
            { "apply for another connection", With(valid, "connectionId", JsonValue.Create("ipsec-other")), "names another connection" },
            { "apply for another gateway", With(valid, "vpnGatewayId", JsonValue.Create("vpn-other")), "names another connection or gateway" },
            { "wrong type for a field", query.Replace("\"acct-1\"", "42"), "not a valid EngineCommand" },
            { "too deep", "{\"kind\":\"query\",\"x\":" + new string('[', 200) + new string(']', 200) + "}", "not a valid EngineCommand" },
            { "too long", "{\"kind\":\"query\",\"pad\":\"" + new string('a', EngineMessageCodec.MaxMessageChars) + "\"}", "longer than" },
        };
    }

    static string With(string json, string property, JsonNode? value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[property] = value;
        return node.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(RefusedCommands))]
    public void Malformed_commands_are_refused_with_a_reason(string name, string message, string reason)
    {
        Assert.False(EngineMessageCodec.TryDecodeCommand(message, out var command, out var error), name);
        Assert.Null(command);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_result_round_trips_with_the_engine_state_and_bgp_peering()
    {
        var state = new EngineConnectionState(true, true, true, "AES_CBC_256/HMAC_SHA2_384_192", "AES_CBC_128", DateTimeOffset.Parse("2030-01-01T00:00:00Z"));
        var result = new EngineCommandResult("c0ffee", "ipsec-xyz-watch", EngineCommandKinds.Query, true, "loaded", state,
            TransportSamples.Apply().Spec.Bgp);
        Assert.True(EngineMessageCodec.TryDecodeResult(EngineMessageCodec.Encode(result), out var decoded, out var error), error);
        Assert.Equal(result, decoded);
    }

    [Theory]
    [InlineData("""{"commandId":"c0ffee","replyTo":"","kind":"query","accepted":true,"detail":"x"}""", "replyTo")]
    [InlineData("""{"commandId":"c0ffee","replyTo":"i","kind":"reboot","accepted":true,"detail":"x"}""", "kind")]
    [InlineData("""{"commandId":"c0ffee","replyTo":"i","kind":"query","accepted":true}""", "detail")]
    [InlineData("""{"replyTo":"i","kind":"query","accepted":true,"detail":"x"}""", "commandId")]
    [InlineData("""{"commandId":"c0ffee","replyTo":"i","kind":"query","accepted":"yes","detail":"x"}""", "not a valid EngineCommandResult")]
    public void Malformed_results_are_refused_with_a_reason(string message, string reason)
    {
        Assert.False(EngineMessageCodec.TryDecodeResult(message, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void An_engine_event_round_trips_with_its_type_by_name_and_its_diagnostic()
    {
        var e = new EngineEvent("acct-1/ipsec-xyz", EngineEventType.NegotiationFailed, "no proposal", DateTimeOffset.Parse("2030-01-01T00:00:00Z"),
            new NegotiationDiagnostic("IKE_SA_INIT", "local", "NO_PROPOSAL_CHOSEN", "IKE_SA_INIT: NO_PROPOSAL_CHOSEN — peer offered aes256/sha1/modp1024"));
        string json = EngineMessageCodec.Encode(e);
        Assert.Contains("\"type\":\"NegotiationFailed\"", json);
        Assert.True(EngineMessageCodec.TryDecodeEvent(json, out var decoded, out var error), error);
        Assert.Equal(e, decoded);
    }

    [Theory]
    [InlineData("""{"connection":"no-slash","type":"PeerDead","detail":"x","at":"2030-01-01T00:00:00Z"}""", "connection")]
    [InlineData("""{"connection":"a/b","type":"Exploded","detail":"x","at":"2030-01-01T00:00:00Z"}""", "not a valid EngineEvent")]
    [InlineData("""{"connection":"a/b","type":99,"detail":"x","at":"2030-01-01T00:00:00Z"}""", "type")]
    [InlineData("""{"connection":"a/b","type":"PeerDead","at":"2030-01-01T00:00:00Z"}""", "detail")]
    [InlineData("""{"connection":"a/b","type":"PeerDead","detail":"x","at":"2030-01-01T00:00:00Z","diagnostic":{"exchange":"IKE_AUTH"}}""", "diagnostic")]
    public void Malformed_events_are_refused_with_a_reason(string message, string reason)
    {
        Assert.False(EngineMessageCodec.TryDecodeEvent(message, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void The_codec_writes_camel_case_json_a_person_can_read_off_the_queue()
    {
        using var doc = JsonDocument.Parse(EngineMessageCodec.Encode(TransportSamples.Apply()));
        var root = doc.RootElement;
        Assert.Equal("apply", root.GetProperty("kind").GetString());
        Assert.Equal("ikev2", root.GetProperty("spec").GetProperty("settings").GetProperty("ikeConfig").GetProperty("ikeVersion").GetString());
    }
}
