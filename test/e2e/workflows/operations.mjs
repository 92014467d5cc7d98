/** e2e cases for the operations beyond Create (filled in once those operations exist in nodes/). */
export function extraWorkflowTests() {
	return [];
}
