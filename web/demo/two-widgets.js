// The queue stub (README "Embed"): calls made before the loader has loaded are kept in `q` and run
// by the loader, in order, once it is there.
window.KetaScreen = window.KetaScreen || { q: [], mount: function () { this.q.push(arguments); } };

window.KetaScreen.mount('#check-es', {
  content: 'content.json', locale: 'es', events: 'detailed',
  clinicName: 'Harbor Light Ketamine Clinic', clinicPhone: '(555) 010-0142'
});
