import DarkroomTestSupport
import Foundation
import Testing
@testable import DarkroomAWS

/// The XML reader behind S3's responses: what AWS sends is read exactly, anything not well-formed is refused.
struct XMLReaderTests {
    private func parse(_ text: String) -> XMLTree? {
        XMLTree.parse(Array(text.utf8))
    }

    @Test func readsAnS3ErrorDocumentWithDeclarationAndNamespace() throws {
        let document = try #require(parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Code>NoSuchKey</Code>\
            <Message>The specified key does not exist.</Message><Key>a/b.png</Key></Error>
            """))
        #expect(document.name == "Error")
        #expect(document.text(of: "Code") == "NoSuchKey")
        #expect(document.text(of: "Message") == "The specified key does not exist.")
        #expect(document.children.map(\.name) == ["Code", "Message", "Key"])
    }

    @Test func resolvesPredefinedAndCharacterReferences() throws {
        let document = try #require(parse(
            "<Key>a&lt;b&gt;c&amp;d&quot;e&apos;f &#233;&#x1F600; &#x41;</Key>"))
        #expect(document.text == "a<b>c&d\"e'f é😀 A")
    }

    @Test func keepsUTF8TextAndWhitespaceAsSent() throws {
        let document = try #require(parse("<Key>  猫 が走る marathon.png </Key>"))
        #expect(document.text == "  猫 が走る marathon.png ")
    }

    @Test func readsCDATACommentsProcessingInstructionsAndEmptyElements() throws {
        let document = try #require(parse("""
            <!-- before --><Root a='1' b = "x>y"><!-- inside --><Empty/><Empty />\
            <Data><![CDATA[<not a tag> & raw]]></Data><?pi data?></Root><!-- after -->
            """))
        #expect(document.children("Empty").count == 2)
        #expect(document.text(of: "Data") == "<not a tag> & raw")
    }

    @Test func normalisesLineEndsButNotCharacterReferences() throws {
        let document = try #require(parse("<Text>a\r\nb\rc&#13;d</Text>"))
        #expect(document.text == "a\nb\nc\rd")
    }

    @Test func skipsAByteOrderMark() throws {
        let document = try #require(XMLTree.parse([0xEF, 0xBB, 0xBF] + Array("<A>1</A>".utf8)))
        #expect(document.text == "1")
    }

    @Test func readsAListingPageAsTheS3ClientSeesIt() throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>bucket</Name><Prefix>output-images/</Prefix><KeyCount>2</KeyCount>
              <MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
              <Contents><Key>output-images/a+cat%26dog.png</Key><LastModified>2026-11-26T02:49:11.000Z</LastModified>
                <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>182057</Size></Contents>
              <Contents><Key>output-images/b.png</Key><LastModified>2026-11-26T02:49:12.000Z</LastModified>
                <ETag>"abc"</ETag><Size>7</Size></Contents>
              <NextContinuationToken>token/+=</NextContinuationToken>
            </ListBucketResult>
            """
        let page = try S3Client.parseListPage(Array(body.utf8))
        #expect(page.objects.map(\.key) == ["output-images/a cat&dog.png", "output-images/b.png"])
        #expect(page.objects.map(\.size) == [182057, 7])
        #expect(page.objects.first?.etag == "9b2cf535f27731c974343645a3985328")
        #expect(page.isTruncated)
        #expect(page.nextContinuationToken == "token/+=")
    }

    /// A size that is no byte count refuses the page; the fuzz target found a negative one passed on as it was
    /// (its input is kept in Tests/FuzzRegressions/s3-xml/ and replayed by `make fuzz`).
    @Test func aListingWhoseSizeIsNoByteCountIsRefused() throws {
        func page(size: String?) -> String {
            "<ListBucketResult><Contents><Key>output-images/a.png</Key><LastModified>2026-11-26T02:49:35.000Z</LastModified>"
                + (size.map { "<Size>\($0)</Size>" } ?? "") + "</Contents></ListBucketResult>"
        }
        for size in ["-43000", "many", "", "1e3", "99999999999999999999999"] {
            #expect(throws: S3Error.invalidResponse("the listing entry output-images/a.png has the size '\(size)', not a byte count")) {
                try S3Client.parseListPage(Array(page(size: size).utf8))
            }
        }
        #expect(try S3Client.parseListPage(Array(page(size: nil).utf8)).objects.map(\.size) == [0])
        #expect(try S3Client.parseListPage(Array(page(size: "0").utf8)).objects.map(\.size) == [0])
        let found = try [UInt8](Data(contentsOf: TestData.packageRoot.appendingPathComponent("Tests/FuzzRegressions/s3-xml/negative-size")))
        #expect(throws: S3Error.self) { try S3Client.parseListPage(found) }
    }

    @Test(arguments: [
        ("", "an empty body"),
        ("not xml", "text outside an element"),
        ("<A>", "an unclosed element"),
        ("<A></B>", "a mismatched end tag"),
        ("<A><B></A></B>", "crossed elements"),
        ("<A>1</A><B>2</B>", "two root elements"),
        ("<A>1</A>trailing", "text after the root"),
        ("<A>&unknown;</A>", "an unknown entity"),
        ("<A>&#xD800;</A>", "a surrogate character reference"),
        ("<A>& b</A>", "a bare ampersand"),
        ("<A b=1></A>", "an unquoted attribute"),
        ("<A b=\"1></A>", "an unterminated attribute"),
        ("<A b=\"1\"c=\"2\"></A>", "attributes without whitespace between them"),
        ("<A><!-- open </A>", "an unterminated comment"),
        ("<A><![CDATA[ open </A>", "an unterminated CDATA section"),
        ("<!DOCTYPE A [<!ENTITY x \"y\">]><A>&x;</A>", "a document type declaration"),
        ("<A></A", "a truncated end tag"),
        ("<>", "an element without a name"),
    ])
    func refusesMalformedDocuments(body: String, problem: String) {
        #expect(parse(body) == nil, "\(problem) was accepted")
    }

    @Test func refusesInvalidUTF8() {
        #expect(XMLTree.parse(Array("<A>".utf8) + [0xC3, 0x28] + Array("</A>".utf8)) == nil)
    }

    @Test func boundsNestingDepth() {
        let deepest = XMLReader.maximumDepth
        let fits = String(repeating: "<a>", count: deepest) + String(repeating: "</a>", count: deepest)
        let tooDeep = String(repeating: "<a>", count: deepest + 1) + String(repeating: "</a>", count: deepest + 1)
        #expect(parse(fits) != nil)
        #expect(parse(tooDeep) == nil)
    }

    @Test func survivesEveryTruncationOfARealDocument() {
        let body = Array("""
            <?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Reduce &amp; retry</Message></Error>
            """.utf8)
        for length in 0..<body.count {
            #expect(XMLTree.parse(Array(body[..<length])) == nil, "accepted \(length) of \(body.count) bytes")
        }
        #expect(XMLTree.parse(body)?.text(of: "Message") == "Reduce & retry")
    }
}
