import Testing
import DarkroomAWS

@Test func libcurlIsLinked() {
    #expect(AWS.curlVersion.contains("libcurl"))
}
