package hip

// hipDeviceProp_t changed layout in ROCm 6, which exports the new one as
// hipGetDevicePropertiesR0600 and keeps the old one (R0000) behind the
// plain hipGetDeviceProperties export. We read one field from it, the
// gcnArchName that no attribute carries; these prefixes mirror each
// layout up to that field, so that the compiler computes its offset (Go
// lays out these field types as the C ABI does on 64-bit hosts). Field
// lists come from hip_runtime_api.h of ROCm 5.x (R0000) and 6.x/7.x (R0600).

// hipDeviceArch_t is a 17-bit bitfield: one unsigned int.
type deviceArch uint32

type propsR0000 struct {
	name                             [256]byte
	totalGlobalMem                   uintptr
	sharedMemPerBlock                uintptr
	regsPerBlock                     int32
	warpSize                         int32
	maxThreadsPerBlock               int32
	maxThreadsDim                    [3]int32
	maxGridSize                      [3]int32
	clockRate                        int32
	memoryClockRate                  int32
	memoryBusWidth                   int32
	totalConstMem                    uintptr
	major                            int32
	minor                            int32
	multiProcessorCount              int32
	l2CacheSize                      int32
	maxThreadsPerMultiProcessor      int32
	computeMode                      int32
	clockInstructionRate             int32
	arch                             deviceArch
	concurrentKernels                int32
	pciDomainID                      int32
	pciBusID                         int32
	pciDeviceID                      int32
	maxSharedMemoryPerMultiProcessor uintptr
	isMultiGpuBoard                  int32
	canMapHostMemory                 int32
	gcnArch                          int32
	gcnArchName                      [256]byte
}

type propsR0600 struct {
	name                                   [256]byte
	uuid                                   [16]byte
	luid                                   [8]byte
	luidDeviceNodeMask                     uint32
	totalGlobalMem                         uintptr
	sharedMemPerBlock                      uintptr
	regsPerBlock                           int32
	warpSize                               int32
	memPitch                               uintptr
	maxThreadsPerBlock                     int32
	maxThreadsDim                          [3]int32
	maxGridSize                            [3]int32
	clockRate                              int32
	totalConstMem                          uintptr
	major                                  int32
	minor                                  int32
	textureAlignment                       uintptr
	texturePitchAlignment                  uintptr
	deviceOverlap                          int32
	multiProcessorCount                    int32
	kernelExecTimeoutEnabled               int32
	integrated                             int32
	canMapHostMemory                       int32
	computeMode                            int32
	maxTexture1D                           int32
	maxTexture1DMipmap                     int32
	maxTexture1DLinear                     int32
	maxTexture2D                           [2]int32
	maxTexture2DMipmap                     [2]int32
	maxTexture2DLinear                     [3]int32
	maxTexture2DGather                     [2]int32
	maxTexture3D                           [3]int32
	maxTexture3DAlt                        [3]int32
	maxTextureCubemap                      int32
	maxTexture1DLayered                    [2]int32
	maxTexture2DLayered                    [3]int32
	maxTextureCubemapLayered               [2]int32
	maxSurface1D                           int32
	maxSurface2D                           [2]int32
	maxSurface3D                           [3]int32
	maxSurface1DLayered                    [2]int32
	maxSurface2DLayered                    [3]int32
	maxSurfaceCubemap                      int32
	maxSurfaceCubemapLayered               [2]int32
	surfaceAlignment                       uintptr
	concurrentKernels                      int32
	eccEnabled                             int32
	pciBusID                               int32
	pciDeviceID                            int32
	pciDomainID                            int32
	tccDriver                              int32
	asyncEngineCount                       int32
	unifiedAddressing                      int32
	memoryClockRate                        int32
	memoryBusWidth                         int32
	l2CacheSize                            int32
	persistingL2CacheMaxSize               int32
	maxThreadsPerMultiProcessor            int32
	streamPrioritiesSupported              int32
	globalL1CacheSupported                 int32
	localL1CacheSupported                  int32
	sharedMemPerMultiprocessor             uintptr
	regsPerMultiprocessor                  int32
	managedMemory                          int32
	isMultiGpuBoard                        int32
	multiGpuBoardGroupID                   int32
	hostNativeAtomicSupported              int32
	singleToDoublePrecisionPerfRatio       int32
	pageableMemoryAccess                   int32
	concurrentManagedAccess                int32
	computePreemptionSupported             int32
	canUseHostPointerForRegisteredMem      int32
	cooperativeLaunch                      int32
	cooperativeMultiDeviceLaunch           int32
	sharedMemPerBlockOptin                 uintptr
	pageableMemoryAccessUsesHostPageTables int32
	directManagedMemAccessFromHost         int32
	maxBlocksPerMultiProcessor             int32
	accessPolicyMaxWindowSize              int32
	reservedSharedMemPerBlock              uintptr
	hostRegisterSupported                  int32
	sparseHipArraySupported                int32
	hostRegisterReadOnlySupported          int32
	timelineSemaphoreInteropSupported      int32
	memoryPoolsSupported                   int32
	gpuDirectRDMASupported                 int32
	gpuDirectRDMAFlushWritesOptions        uint32
	gpuDirectRDMAWritesOrdering            int32
	memoryPoolSupportedHandleTypes         uint32
	deferredMappingHipArraySupported       int32
	ipcEventSupported                      int32
	clusterLaunch                          int32
	unifiedFunctionPointers                int32
	reserved                               [63]int32
	hipReserved                            [32]int32
	gcnArchName                            [256]byte
}
