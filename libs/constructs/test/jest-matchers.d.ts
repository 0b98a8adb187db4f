// Types of cdktf's Jest matchers (toHaveResource, toHaveResourceWithProperties, ...), which
// tools/testing/setup-jest.ts installs at run time.
import 'cdktf/lib/testing/adapters/jest';
