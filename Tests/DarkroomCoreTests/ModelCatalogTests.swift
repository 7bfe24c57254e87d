import Testing
import DarkroomCore

@Suite struct ModelCatalogTests {
    @Test func coversTheThreeFamiliesAndSixModels() {
        #expect(ModelCatalog.all.count == 6)
        #expect(Set(ModelCatalog.all.map(\.id)).count == 6)
        #expect(Set(ModelCatalog.all.map(\.family)) == Set(ModelFamily.allCases))
    }

    @Test func defaultModelIsTheReferenceSystemsSDXL() throws {
        #expect(ModelCatalog.defaultModel == "stability.stable-diffusion-xl-v1")
        let descriptor = try #require(ModelCatalog.descriptor(for: ModelCatalog.defaultModel))
        #expect(descriptor.family == .stabilitySDXL)
        #expect(descriptor.cfgScale?.bounds == 0...35)
        #expect(descriptor.steps?.bounds == 10...150)
        #expect(descriptor.seedRange == 0...UInt32.max)
    }

    @Test func unknownModelHasNoDescriptor() {
        #expect(ModelCatalog.descriptor(for: "openai.dall-e") == nil)
    }

    @Test(arguments: ModelCatalog.all.map(\.id))
    func defaultsAreValidForEveryModel(id: ModelID) throws {
        let descriptor = try #require(ModelCatalog.descriptor(for: id))
        var defaults = descriptor.defaults
        defaults.prompt = "a lighthouse"
        let validated = try defaults.validated(using: descriptor)
        #expect(validated.size == descriptor.sizes.first)
        #expect(validated.cfgScale == descriptor.cfgScale?.defaultValue)
        #expect(validated.steps == descriptor.steps?.defaultValue)
        if let cfg = descriptor.cfgScale { #expect(cfg.contains(cfg.defaultValue)) }
        if let steps = descriptor.steps { #expect(steps.contains(steps.defaultValue)) }
    }

    @Test func numericRangeClamps() {
        let range = NumericRange(bounds: 1.1...10.0, step: 0.1, coarseStep: 1, defaultValue: 6.5)
        #expect(range.clamped(20) == 10)
        #expect(range.clamped(0) == 1.1)
        #expect(range.clamped(5) == 5)
    }

    @Test func imageSizeParsesAndPrints() {
        #expect(ImageSize("1344x768") == ImageSize(width: 1344, height: 768))
        #expect(ImageSize("512×512") == ImageSize(width: 512, height: 512))
        #expect(ImageSize("0x10") == nil)
        #expect(ImageSize("big") == nil)
        #expect(ImageSize(width: 832, height: 1216).description == "832x1216")
    }
}
