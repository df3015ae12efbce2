using Ike.Encoding.Tests.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

public class DataAttributeTests
{
    [Theory]
    [InlineData(28800ul, "800c 7080")]          // fits two octets: TV (RFC 2409 Appendix A allows it for Variable classes)
    [InlineData(86400ul, "000c 0004 00015180")]  // does not: TLV of four octets
    [InlineData(0x1_0000_0000ul, "000c 0008 0000000100000000")]
    public void Integers_take_the_shortest_form(ulong value, string hex)
    {
        DataAttribute attribute = DataAttribute.Integer((ushort)Phase1AttributeType.LifeDuration, value);
        var written = new byte[attribute.GetEncodedLength()];
        var writer = new SpanWriter(written);

        attribute.Write(ref writer);

        Assert.Equal(Hex.Format(Hex.Parse(hex)), Hex.Format(written));
        Assert.True(attribute.TryGetInteger(out ulong read));
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData("000c 0002 0e10", true, 3600ul)]
    [InlineData("000c 000a 0000 0000 0000 0000 0e10", true, 3600ul)] // leading zero octets do not count
    [InlineData("000c 0009 01 0000 0000 0000 0000", false, 0ul)]     // nine significant octets
    [InlineData("000c 0000", false, 0ul)]                            // no value at all
    public void Tlv_integers_are_read_big_endian(string hex, bool readable, ulong expected)
    {
        var reader = new SpanReader(Hex.Parse(hex));

        DataAttribute attribute = DataAttribute.Read(ref reader, static _ => false);

        Assert.Equal(readable, attribute.TryGetInteger(out ulong value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void A_rejected_attribute_leaves_the_reader_where_it_was()
    {
        var reader = new SpanReader(Hex.Parse("0001 0002 0007"));
        IkeMalformedException? error = null;

        try
        {
            DataAttribute.Read(ref reader, static type => type == 1);
        }
        catch (IkeMalformedException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal((IkeMalformedReason.TransformAttributeFormatInvalid, 0), (error.Reason, error.Offset));
        Assert.Equal(0, reader.Position);
    }

    [Theory]
    [InlineData(Phase1AttributeType.EncryptionAlgorithm, true)]
    [InlineData(Phase1AttributeType.KeyLength, true)]
    [InlineData(Phase1AttributeType.LifeDuration, false)]
    [InlineData(Phase1AttributeType.GroupPrime, false)]
    public void Phase_1_classes_carry_the_basic_marking_of_rfc_2409_appendix_a(Phase1AttributeType type, bool basic) =>
        Assert.Equal(basic, Phase1AttributeTypes.IsBasic(type));

    [Theory]
    [InlineData(IpsecAttributeType.EncapsulationMode, true)]
    [InlineData(IpsecAttributeType.SaLifeType, true)]
    [InlineData(IpsecAttributeType.SaLifeDuration, false)]
    [InlineData(IpsecAttributeType.CompressPrivateAlgorithm, false)]
    [InlineData((IpsecAttributeType)4711, false)]
    public void Ipsec_classes_carry_the_basic_marking_of_rfc_2407_section_4_5(IpsecAttributeType type, bool basic) =>
        Assert.Equal(basic, IpsecAttributeTypes.IsBasic(type));

    [Fact]
    public void Attribute_types_are_fifteen_bits() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DataAttribute.Basic(0x8000, 1));
}
