// The README's queue stub, then a call that must wait for the loader.
window.KetaScreen = window.KetaScreen || { q: [], mount: function () { this.q.push(arguments); } };
window.KetaScreen.mount('#widget-b', { content: '/content.json', locale: 'es' });
