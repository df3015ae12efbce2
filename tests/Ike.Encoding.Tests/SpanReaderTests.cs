namespace Ike.Encoding.Tests;

public class SpanReaderTests
{
    [Fact]
    public void Reads_big_endian_fields_in_order()
    {
        var reader = new SpanReader([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);

        Assert.Equal(0x01, reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort));
        Assert.Equal(0x0203, reader.ReadUInt16(IkeMalformedReason.PayloadBodyTooShort));
        Assert.Equal(0x04050607u, reader.ReadUInt32(IkeMalformedReason.PayloadBodyTooShort));
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(0, 1)] // ReadByte on empty input
    [InlineData(1, 2)] // ReadUInt16 with one octet left
    [InlineData(3, 4)] // ReadUInt32 with three octets left
    [InlineData(7, 8)] // ReadUInt64 with seven octets left
    public void A_failed_read_throws_the_callers_reason_and_does_not_move(int available, int width)
    {
        var reader = new SpanReader(new byte[available + 1]);
        reader.Skip(1, IkeMalformedReason.PayloadBodyTooShort);

        IkeMalformedException? error = null;
        try
        {
            _ = width switch
            {
                1 => reader.ReadByte(IkeMalformedReason.NonceLengthOutOfRange),
                2 => reader.ReadUInt16(IkeMalformedReason.NonceLengthOutOfRange),
                4 => reader.ReadUInt32(IkeMalformedReason.NonceLengthOutOfRange),
                _ => (object)reader.ReadUInt64(IkeMalformedReason.NonceLengthOutOfRange),
            };
        }
        catch (IkeMalformedException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal(IkeMalformedReason.NonceLengthOutOfRange, error.Reason);
        Assert.Equal(1, error.Offset);
        Assert.Equal(1, reader.Position);
    }

    [Fact]
    public void A_length_field_larger_than_the_input_fails_without_allocating()
    {
        var reader = new SpanReader([0xAA, 0xBB]);
        var error = CatchMalformed(ref reader, 65535);

        Assert.Equal(IkeMalformedReason.PayloadPastEnd, error.Reason);
        Assert.Equal(0, reader.Position);
    }

    [Fact]
    public void A_nested_reader_is_bounded_by_its_substructure_and_reports_absolute_offsets()
    {
        var reader = new SpanReader([0x00, 0x00, 0x11, 0x22, 0x33]);
        reader.Skip(2, IkeMalformedReason.PayloadBodyTooShort);
        SpanReader nested = reader.ReadNested(2, IkeMalformedReason.PayloadBodyTooShort);

        Assert.Equal(0x1122, nested.ReadUInt16(IkeMalformedReason.PayloadBodyTooShort));
        Assert.Equal(4, reader.Position);

        // 0x33 follows the substructure in the outer data but is out of the nested reader's reach.
        IkeMalformedException? error = null;
        try
        {
            nested.ReadByte(IkeMalformedReason.TransformLengthInvalid);
        }
        catch (IkeMalformedException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal(IkeMalformedReason.TransformLengthInvalid, error.Reason);
        Assert.Equal(4, error.Offset);
    }

    private static IkeMalformedException CatchMalformed(ref SpanReader reader, int count)
    {
        try
        {
            reader.ReadBytes(count, IkeMalformedReason.PayloadPastEnd);
        }
        catch (IkeMalformedException e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException("ReadBytes did not fail.");
    }
}
