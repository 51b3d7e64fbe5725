// Calls Taskcluster with the temporary credentials the page hands over.
self.onmessage = async ({ data: { rootUrl, credentials } }) => {
  try {
    const { Auth } = await import('../../dist/web/index.js');
    const { scopes } = await new Auth({ rootUrl, credentials }).currentScopes();
    self.postMessage({ scopes });
  } catch (error) {
    self.postMessage({ error: `${error.code ?? error.name}: ${error.message}` });
  }
};
